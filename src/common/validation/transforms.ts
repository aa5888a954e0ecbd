/** class-transformer helpers shared by the DTOs. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * Digits written as text ("42", a query parameter or a Bridge id sent as a string) become a number; anything else
 * ("1e3", " 5", "0x10", "", a repeated parameter) is left as it is, for the validator to refuse by name.
 */
export const integerText = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d{1,20}$/.test(value) ? Number(value) : value;

/** `integerText` for each item of a list. */
export const integerTextList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => integerText({ value: item })) : value;
