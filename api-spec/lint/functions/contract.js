// Shared reading of the contract's own extensions for the project rules. Rules receive the document
// resolved ($refs followed), so nothing here follows references.

export const ERROR_KEYWORDS = [
  'missing', 'type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'default',
];

// Schema keywords whose violation a parameter must map to a documented error (directly or by `default`).
export const CONSTRAINT_KEYWORDS = ['enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern'];

export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isNonEmptyString(value) {
  return typeof value === 'string' && value.trim().length > 0;
}

export function isErrorStatus(status) {
  return /^[45]\d\d$/.test(String(status)) || /^[45]XX$/.test(String(status));
}

// `%s` in a catalog message stands for a value the server fills in.
export function messageMatches(template, actual) {
  if (typeof template !== 'string' || typeof actual !== 'string') {
    return false;
  }
  const parts = template.split('%s').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[\\s\\S]*')}$`).test(actual);
}

export function catalogOf(operation) {
  return Array.isArray(operation && operation['x-error-catalog']) ? operation['x-error-catalog'] : [];
}

// A reference {status, code, message} names a catalog row when all three are equal.
export function findRow(catalog, ref) {
  return catalog.find(
    (row) => isObject(row) && Number(row.status) === Number(ref.status) && row.code === ref.code
      && row.message === ref.message,
  );
}

export function label(ref) {
  return `${ref.status} ${ref.code} "${ref.message}"`;
}
