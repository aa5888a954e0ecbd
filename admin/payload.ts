/** AdminJS sends form values as strings (flattened for arrays); the DTOs want typed values. */
export type FieldKind =
  'string' | 'nullableString' | 'int' | 'nullableInt' | 'boolean' | 'stringArray' | 'intArray' | 'intList';

export function typedPayload(raw: Record<string, unknown>, fields: Record<string, FieldKind>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const isArrayKind = kind === 'stringArray' || kind === 'intArray';
    const present = name in raw || (isArrayKind && Object.keys(raw).some((key) => key.startsWith(`${name}.`)));
    if (!present) continue;
    const value = raw[name];
    switch (kind) {
      case 'string':
        result[name] = value === null || value === undefined ? '' : String(value);
        break;
      case 'nullableString':
        result[name] = value === null || value === undefined || String(value).trim() === '' ? null : String(value);
        break;
      case 'int':
        result[name] = value === '' || value === null || value === undefined ? undefined : toNumber(value);
        break;
      case 'nullableInt':
        result[name] = value === '' || value === null || value === undefined ? null : toNumber(value);
        break;
      case 'boolean':
        result[name] = value === true || value === 'true';
        break;
      case 'stringArray':
        result[name] = arrayOf(raw, name)
          .map(String)
          .filter((item) => item.trim() !== '');
        break;
      case 'intArray':
        result[name] = arrayOf(raw, name)
          .filter((item) => String(item).trim() !== '')
          .map(toNumber);
        break;
      case 'intList':
        // "1, 2" typed in one field.
        result[name] = String(value ?? '')
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map(toNumber);
        break;
    }
  }
  return result;
}

function toNumber(value: unknown): unknown {
  return /^-?\d+$/.test(String(value).trim()) ? Number(value) : value;
}

function arrayOf(raw: Record<string, unknown>, name: string): unknown[] {
  if (Array.isArray(raw[name])) return raw[name] as unknown[];
  return Object.keys(raw)
    .filter((key) => new RegExp(`^${name}\\.\\d+$`).test(key))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
    .map((key) => raw[key]);
}
