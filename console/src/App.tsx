/** The shell: sign-in until there is a session, then the header (navigation, language, sign-out) and the routed screen. */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { clearSession, loadSession, saveSession, type Session } from './auth';
import { createClient } from './client';
import { useI18n, type Lang } from './i18n';
import { Link, paths, useRoute } from './router';
import { Household, HouseholdPicker } from './screens/Household';
import { Referral } from './screens/Referral';
import { SignIn } from './screens/SignIn';
import { Worklist } from './screens/Worklist';

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [ended, setEnded] = useState(false);
  const signOut = useCallback((expired: boolean) => {
    clearSession();
    setSession(null);
    setEnded(expired);
  }, []);
  const client = useMemo(() => (session ? createClient(session.token, () => signOut(true)) : null), [session, signOut]);

  if (!session || !client) {
    return (
      <Shell session={null} onSignOut={() => undefined}>
        <SignIn
          ended={ended}
          onSignIn={(s) => {
            saveSession(s);
            setEnded(false);
            setSession(s);
          }}
        />
      </Shell>
    );
  }
  return (
    <Provider value={client}>
      <Shell session={session} onSignOut={() => signOut(false)}>
        <Routed session={session} />
      </Shell>
    </Provider>
  );
}

function Routed({ session }: { session: Session }) {
  const route = useRoute();
  const { t } = useI18n();
  switch (route.name) {
    case 'worklist':
      return <Worklist session={session} advisorId={route.advisorId} />;
    case 'household':
      return route.id ? <Household key={route.id} id={route.id} /> : <HouseholdPicker />;
    case 'referrals':
      return <Referral key={route.oneId} oneId={route.oneId} />;
    default:
      return (
        <section>
          <h1 tabIndex={-1}>{t('notFound')}</h1>
          <Link to={paths.worklist()}>{t('navWorklist')}</Link>
        </section>
      );
  }
}

function Shell({ session, onSignOut, children }: { session: Session | null; onSignOut: () => void; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const route = useRoute();
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <span className="brand">{t('appTitle')}</span>
        {session && (
          <nav aria-label={t('appTitle')}>
            <Link to={paths.worklist()} current={route.name === 'worklist'}>
              {t('navWorklist')}
            </Link>
            <Link to={paths.household()} current={route.name === 'household'}>
              {t('navHousehold')}
            </Link>
          </nav>
        )}
        <div className="tools">
          <label>
            {t('language')}{' '}
            <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="language">
              <option value="en">English</option>
              <option value="zh">中文</option>
            </select>
          </label>
          {session && (
            <>
              <span className="who" data-testid="who">
                {t('signedInAs')} {session.role} · {session.sub}
              </span>
              <button type="button" onClick={onSignOut}>
                {t('signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
