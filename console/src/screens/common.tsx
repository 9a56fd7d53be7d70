/** Pieces every screen uses: loading and error states, money, suggestions, a labelled form field. */
import type { CombinedError } from 'urql';
import { codesOf } from '../client';
import { useI18n } from '../i18n';
import { Link, paths } from '../router';

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}

/** An error answer: FORBIDDEN and NOT_FOUND read as "not found, or not yours"; others by code (never the raw message's values). */
export function ErrorNote({ error }: { error: CombinedError }) {
  const { t } = useI18n();
  const codes = codesOf(error);
  const text = codes.includes('FORBIDDEN') || codes.includes('NOT_FOUND') ? t('notFound') : `${t('error')}: ${codes.filter(Boolean).join(', ') || error.message}`;
  return (
    <p role="alert" className="problem">
      {text}
    </p>
  );
}

export function Money({ value }: { value: number | null | undefined }) {
  const { n } = useI18n();
  return <span className="num">{value == null ? '–' : `¥${n(value)}`}</span>;
}

export interface Suggestion {
  person: { oneId: string; displayName: string | null };
  productType: string;
  sumAssured: number;
  estimatedAnnualPremium: number;
}

export function SuggestionList({ suggestions, showPerson = true }: { suggestions: Suggestion[]; showPerson?: boolean }) {
  const { t, e } = useI18n();
  if (suggestions.length === 0) return <span className="muted">{t('none')}</span>;
  return (
    <ul className="suggestions">
      {suggestions.map((s) => (
        <li key={`${s.person.oneId}-${s.productType}`}>
          {showPerson && <PersonName person={s.person} />} <strong>{e(s.productType)}</strong> <Money value={s.sumAssured} /> ·{' '}
          <span title={t('estimatedPremium')}>
            <Money value={s.estimatedAnnualPremium} />
            {t('perYear')}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A person's name (or OneID) linking to its referral view. */
export function PersonName({ person }: { person: { oneId: string; displayName: string | null } }) {
  return <Link to={paths.referrals(person.oneId)}>{person.displayName ?? person.oneId}</Link>;
}
