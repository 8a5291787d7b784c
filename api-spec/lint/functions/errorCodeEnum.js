// Convention: the error schema of each status lists, as an enum of ResponseMetadata.Error.Code,
// exactly the catalog's codes of that status.
import { catalogOf, isErrorStatus, isObject } from './contract.js';

// The enum of `Code` under an `Error` property, wherever composition puts it.
function codeEnum(schema, depth = 0) {
  if (!isObject(schema) || depth > 12) {
    return undefined;
  }
  const error = isObject(schema.properties) ? schema.properties.Error : undefined;
  if (isObject(error) && isObject(error.properties) && isObject(error.properties.Code)
      && Array.isArray(error.properties.Code.enum)) {
    return error.properties.Code.enum;
  }
  const children = [
    ...(isObject(schema.properties) ? Object.values(schema.properties) : []),
    ...['allOf', 'oneOf', 'anyOf'].flatMap((k) => (Array.isArray(schema[k]) ? schema[k] : [])),
  ];
  for (const child of children) {
    const found = codeEnum(child, depth + 1);
    if (found) {
      return found;
    }
  }
  return undefined;
}

export default function errorCodeEnum(operation, _options, context) {
  if (!isObject(operation) || !isObject(operation.responses)) {
    return [];
  }
  const catalog = catalogOf(operation);
  const results = [];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!isErrorStatus(status) || !isObject(response) || !isObject(response.content)) {
      continue;
    }
    const expected = [...new Set(catalog.filter((r) => isObject(r) && String(r.status) === status).map((r) => r.code))];
    for (const [mediaType, media] of Object.entries(response.content)) {
      const path = [...context.path, 'responses', status, 'content', mediaType, 'schema'];
      const actual = codeEnum(isObject(media) ? media.schema : undefined);
      if (!actual) {
        results.push({ message: `The schema of ${status} ${mediaType} has no enum of ResponseMetadata.Error.Code.`, path });
        continue;
      }
      const missing = expected.filter((c) => !actual.includes(c));
      const extra = actual.filter((c) => !expected.includes(c));
      if (missing.length || extra.length) {
        results.push({
          message: `The Code enum of ${status} differs from the catalog's ${status} codes`
            + `${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not in the catalog ${extra.join(', ')}` : ''}.`,
          path,
        });
      }
    }
  }
  return results;
}
