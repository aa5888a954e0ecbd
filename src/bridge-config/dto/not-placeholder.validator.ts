import { ValidateBy, type ValidationOptions } from 'class-validator';

// Values that stand for "put your credentials here" in tutorials, samples and forms (compared lower-cased, with spaces,
// dashes and underscores removed): such a configuration would end active, then billed.
const PLACEHOLDERS = new Set([
  'changeme',
  'changethis',
  'placeholder',
  'test',
  'todo',
  'tbd',
  'dummy',
  'example',
  'sample',
  'none',
  'null',
  'undefined',
  'yourclientid',
  'yourclientsecret',
  'yoursecret',
  'yourid',
  'yourkey',
  'insertclientid',
  'insertclientsecret',
]);

/** docs/rules.md#one-active-bridge-configuration: a placeholder instead of real Bridge credentials. */
export function isPlaceholder(value: string): boolean {
  const text = value.trim();
  const squeezed = text.toLowerCase().replace(/[\s_-]+/g, '');
  return (
    PLACEHOLDERS.has(squeezed) ||
    /^your/.test(squeezed) ||
    /^<.*>$/s.test(text) ||
    /^\{\{.*\}\}$/s.test(text) ||
    /^(\.{2,}|…+)$/.test(text) ||
    // One character repeated: "xxx", "0000", "****".
    /^(.)\1+$/su.test(text)
  );
}

/** Refuses a placeholder ("changeme", "xxx", "your-client-id", "<secret>"…) with a message that says so. */
export function IsNotPlaceholder(options: ValidationOptions = {}) {
  return ValidateBy(
    {
      name: 'isNotPlaceholder',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isPlaceholder(value),
        defaultMessage: () => 'must be the real value Bridge gave (Bridge console › Applications), not a placeholder',
      },
    },
    options,
  );
}
