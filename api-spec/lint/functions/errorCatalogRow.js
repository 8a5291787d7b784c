// Convention: a catalog row carries everything a reader, a server and a test need: status, code,
// exact message, the Chinese description, whether it is a common error, the stage that yields it
// and what triggers it.
import { isNonEmptyString, isObject } from './contract.js';

const CJK = /[\u4e00-\u9fff]/;

export default function errorCatalogRow(row) {
  if (!isObject(row)) {
    return [{ message: 'An x-error-catalog row must be an object.' }];
  }
  const problems = [];
  if (!Number.isInteger(row.status) || row.status < 400 || row.status > 599) {
    problems.push('an integer status from 400 to 599');
  }
  for (const field of ['code', 'message', 'stage', 'trigger']) {
    if (!isNonEmptyString(row[field])) {
      problems.push(`a ${field}`);
    }
  }
  if (!isNonEmptyString(row.descriptionZh) || !CJK.test(row.descriptionZh)) {
    problems.push('a Chinese descriptionZh');
  }
  if (typeof row.common !== 'boolean') {
    problems.push('common: true or false');
  }
  if ('codeN' in row && !Number.isInteger(row.codeN)) {
    problems.push('an integer codeN (or none)');
  }
  return problems.length === 0
    ? []
    : [{ message: `Catalog row ${row.code ?? '?'} needs ${problems.join(', ')}.` }];
}
