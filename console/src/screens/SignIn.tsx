/** Sign-in: paste a token (the development ADMIN token `npm start` prints, or one from `npm run token`). */
import { useId, useState, type FormEvent } from 'react';
import { isExpired, parseToken, type Session } from '../auth';
import { useI18n } from '../i18n';

export function SignIn({ onSignIn, ended }: { onSignIn: (s: Session) => void; ended: boolean }) {
  const { t } = useI18n();
  const [raw, setRaw] = useState('');
  const [problem, setProblem] = useState<string | null>(ended ? t('sessionEnded') : null);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const session = parseToken(raw);
    if (!session) return setProblem(t('tokenInvalid'));
    if (isExpired(session)) return setProblem(t('tokenExpired'));
    setRaw('');
    onSignIn(session);
  };
  return (
    <section className="signin">
      <h1 tabIndex={-1}>{t('signIn')}</h1>
      <p>{t('signInIntro')}</p>
      <form onSubmit={submit}>
        <label htmlFor={id}>{t('tokenLabel')}</label>
        <textarea
          id={id}
          name="token"
          rows={5}
          autoComplete="off"
          spellCheck={false}
          value={raw}
          onChange={(e) => setRaw(e.target.value)}
          aria-describedby={`${id}-kept`}
          aria-invalid={problem ? true : undefined}
          required
        />
        <p id={`${id}-kept`} className="hint">
          {t('tokenKept')}
        </p>
        {problem && (
          <p role="alert" className="problem">
            {problem}
          </p>
        )}
        <button type="submit">{t('signIn')}</button>
      </form>
    </section>
  );
}
