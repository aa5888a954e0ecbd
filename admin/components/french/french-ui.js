// The French defaults of the UI libraries inside AdminJS: react-select and react-datepicker speak English unless
// every select and picker is given French strings, and AdminJS gives them none (docs/rules.md#back-office-in-french).
import fr from 'date-fns/esm/locale/fr/index.js';

// react-datepicker (inside @adminjs/design-system, not reachable as a module) keeps its locales on the global
// object: registerLocale and setDefaultLocale write `__localeData__` and `__localeId__` there, as done here.
if (typeof window !== 'undefined') {
  window.__localeData__ = { ...(window.__localeData__ ?? {}), fr };
  window.__localeId__ = 'fr';
}

export const FRENCH_SELECT = {
  placeholder: 'Choisir…',
  noOptionsMessage: ({ inputValue }) => (inputValue ? `Aucun résultat pour « ${inputValue} »` : 'Aucun choix'),
  loadingMessage: () => 'Chargement…',
};

const DIGIT = { regex: '\\d' };
const DAY_MASK = [DIGIT, DIGIT, '/', DIGIT, DIGIT, '/', DIGIT, DIGIT, DIGIT, DIGIT];

/** The picker's props for a `date` (JJ/MM/AAAA) or `datetime` (JJ/MM/AAAA HH:MM) property, in French. */
export function frenchDatePicker(propertyType) {
  const withTime = propertyType !== 'date';
  return {
    locale: 'fr',
    dateFormat: withTime ? 'dd/MM/yyyy HH:mm' : 'dd/MM/yyyy',
    placeholderText: withTime ? 'JJ/MM/AAAA HH:MM' : 'JJ/MM/AAAA',
    inputMask: { mask: withTime ? [...DAY_MASK, ' ', DIGIT, DIGIT, ':', DIGIT, DIGIT] : DAY_MASK },
    timeInputLabel: 'Heure',
    previousMonthButtonLabel: 'Mois précédent',
    nextMonthButtonLabel: 'Mois suivant',
    previousMonthAriaLabel: 'Mois précédent',
    nextMonthAriaLabel: 'Mois suivant',
    previousYearButtonLabel: 'Année précédente',
    nextYearButtonLabel: 'Année suivante',
    previousYearAriaLabel: 'Année précédente',
    nextYearAriaLabel: 'Année suivante',
    chooseDayAriaLabelPrefix: 'Choisir le',
    disabledDayAriaLabelPrefix: 'Indisponible :',
    monthAriaLabelPrefix: 'Mois',
    weekAriaLabelPrefix: 'Semaine',
    ariaLabelClose: 'Fermer',
  };
}

const pad = (number) => String(number).padStart(2, '0');

/**
 * The calendar day the user picked. The picker answers the local midnight as an ISO instant, which AdminJS cuts to
 * its UTC day: in Paris (UTC+1/+2) the 1st of November became the 31st of October.
 */
export function pickedDay(iso) {
  if (!iso) return iso;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const FRENCH_DAY = /^\d{2}\/\d{2}\/\d{4}/;
const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const instantFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A day JJ/MM/AAAA, an instant JJ/MM/AAAA HH:MM (Paris time); a value already French (list and show hooks) as it is. */
export function frenchDateValue(value, propertyType) {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (FRENCH_DAY.test(text)) return text;
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  if (propertyType === 'date' && day) return dayFormat.format(new Date(`${day[1]}T00:00:00Z`));
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : instantFormat.format(date).replace(',', '');
}
