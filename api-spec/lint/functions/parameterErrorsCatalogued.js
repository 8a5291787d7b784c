// Convention: every error a parameter or the tag list names is a row of the operation's
// `x-error-catalog`, status, code and message alike (the catalog is the one list tools read).
import { catalogOf, findRow, isObject, label } from './contract.js';

export default function parameterErrorsCatalogued(operation, _options, context) {
  if (!isObject(operation)) {
    return [];
  }
  const catalog = catalogOf(operation);
  const results = [];
  const check = (ref, path, where) => {
    if (isObject(ref) && !findRow(catalog, ref)) {
      results.push({ message: `${where} names ${label(ref)}, which is not a row of x-error-catalog.`, path });
    }
  };
  (Array.isArray(operation.parameters) ? operation.parameters : []).forEach((parameter, index) => {
    const errors = isObject(parameter) && isObject(parameter['x-errors']) ? parameter['x-errors'] : {};
    for (const [keyword, ref] of Object.entries(errors)) {
      check(ref, [...context.path, 'parameters', index, 'x-errors', keyword],
        `Parameter ${parameter.name} (${keyword})`);
    }
  });
  const tagList = operation['x-tag-list'];
  if (isObject(tagList) && isObject(tagList.errors)) {
    for (const [rule, ref] of Object.entries(tagList.errors)) {
      check(ref, [...context.path, 'x-tag-list', 'errors', rule], `x-tag-list rule ${rule}`);
    }
  }
  return results;
}
