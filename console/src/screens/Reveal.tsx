/**
 * "Reveal contact": a dialog asking for the types, a purpose and a justification, then
 * revealIdentifiers (contract: ../shared/contract/contact.graphql). The clear values are shown
 * in the dialog only, kept in component state and dropped when it closes; nothing is stored.
 * Shown only when the served schema has the mutation (REVEAL_AVAILABLE); a service that does
 * not serve it (GRAPHQL_VALIDATION_FAILED) gets a plain "not available" message.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { codesOf } from '../client';
import { useI18n } from '../i18n';
import { OPS } from '../operations';

const TYPES = ['PHONE', 'EMAIL', 'WECHAT_OPENID', 'WECHAT_UNIONID', 'NATIONAL_ID'] as const;
const PURPOSES = ['SERVICE', 'MARKETING', 'COMPLIANCE'] as const;

interface Revealed {
  type: string;
  namespace: string | null;
  value: string;
  masked: string;
}

export function RevealButton({ person }: { person: { oneId: string; displayName: string | null } }) {
  const { t, e } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [types, setTypes] = useState<string[]>(['PHONE']);
  const [purpose, setPurpose] = useState<string>('SERVICE');
  const [justification, setJustification] = useState('');
  const [revealed, setRevealed] = useState<Revealed[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, reveal] = useMutation<{ revealIdentifiers: Revealed[] }>(OPS.revealIdentifiers);
  const id = useId();

  const open = () => {
    setRevealed(null);
    setProblem(null);
    dialog.current?.showModal();
  };
  const close = () => {
    dialog.current?.close();
  };
  const onClose = () => {
    // Forget the clear values and the justification as soon as the dialog closes.
    setRevealed(null);
    setJustification('');
    opener.current?.focus();
  };
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    // A new request replaces what the last one showed: a refusal never sits next to earlier values.
    setRevealed(null);
    if (types.length === 0) return setProblem(t('pickType'));
    setProblem(null);
    const res = await reveal({ oneId: person.oneId, types, purpose, justification: justification.trim() }, { requestPolicy: 'network-only' });
    const codes = codesOf(res.error);
    if (!res.error && res.data) return setRevealed(res.data.revealIdentifiers);
    if (codes.includes('GRAPHQL_VALIDATION_FAILED')) return setProblem(t('revealUnavailable'));
    if (codes.includes('CONSENT_REQUIRED')) return setProblem(t('consentRequired'));
    if (codes.includes('FORBIDDEN') || codes.includes('NOT_FOUND')) return setProblem(t('forbidden'));
    if (codes.includes('BAD_USER_INPUT')) return setProblem(`${t('badInput')}: ${res.error?.graphQLErrors[0]?.message ?? ''}`);
    setProblem(`${t('error')}: ${codes.join(', ')}`);
  };

  return (
    <>
      <button type="button" ref={opener} className="reveal" onClick={open} aria-haspopup="dialog">
        {t('revealContact')}
      </button>
      <dialog ref={dialog} onClose={onClose} aria-labelledby={`${id}-h`} className="reveal-dialog">
        <form onSubmit={submit}>
          <h2 id={`${id}-h`}>
            {t('revealTitle')} · {person.displayName ?? person.oneId}
          </h2>
          <p className="hint">{t('revealIntro')}</p>
          <fieldset>
            <legend>{t('types')}</legend>
            {TYPES.map((type) => (
              <label key={type}>
                <input
                  type="checkbox"
                  name="types"
                  value={type}
                  checked={types.includes(type)}
                  onChange={() => setTypes((cur) => (cur.includes(type) ? cur.filter((x) => x !== type) : [...cur, type]))}
                />{' '}
                {e(type)}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-purpose`}>{t('purpose')}</label>
          <select id={`${id}-purpose`} name="purpose" value={purpose} onChange={(ev) => setPurpose(ev.target.value)}>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {e(p)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-why`}>{t('justification')}</label>
          <textarea
            id={`${id}-why`}
            name="justification"
            required
            minLength={1}
            maxLength={500}
            rows={3}
            value={justification}
            onChange={(ev) => setJustification(ev.target.value)}
            aria-describedby={`${id}-why-help`}
          />
          <p id={`${id}-why-help`} className="hint">
            {t('justificationHelp')}
          </p>
          {problem && (
            <p role="alert" className="problem">
              {problem}
            </p>
          )}
          {revealed && (
            <div role="status" data-testid="revealed">
              <h3>{t('revealed')}</h3>
              {revealed.length === 0 ? (
                <p>{t('nothingRevealed')}</p>
              ) : (
                <ul>
                  {revealed.map((r, i) => (
                    <li key={i}>
                      {e(r.type)}
                      {r.namespace ? ` (${r.namespace})` : ''}: <code>{r.value}</code>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="actions">
            <button type="submit" disabled={fetching}>
              {t('reveal')}
            </button>
            <button type="button" onClick={close}>
              {revealed ? t('close') : t('cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
