// Conventions on the examples of error responses (4xx/5xx):
//   mode "envelope"   every example has ResponseMetadata.Error.Code and .Message;
//   mode "catalogued" every example's status, Code and Message are a row of x-error-catalog;
//   mode "complete"   every catalog row has an example under its status.
import { catalogOf, isErrorStatus, isNonEmptyString, isObject, messageMatches } from './contract.js';

function* errorExamples(operation, basePath) {
  const responses = isObject(operation.responses) ? operation.responses : {};
  for (const [status, response] of Object.entries(responses)) {
    if (!isErrorStatus(status) || !isObject(response)) {
      continue;
    }
    const content = isObject(response.content) ? response.content : {};
    let any = false;
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isObject(media)) {
        continue;
      }
      const mediaPath = [...basePath, 'responses', status, 'content', mediaType];
      if ('example' in media) {
        any = true;
        yield { status, value: media.example, path: [...mediaPath, 'example'] };
      }
      for (const [name, example] of Object.entries(isObject(media.examples) ? media.examples : {})) {
        any = true;
        yield { status, name, value: isObject(example) ? example.value : undefined, path: [...mediaPath, 'examples', name] };
      }
    }
    if (!any) {
      yield { status, missing: true, path: [...basePath, 'responses', status] };
    }
  }
}

function errorOf(value) {
  const metadata = isObject(value) ? value.ResponseMetadata : undefined;
  return isObject(metadata) && isObject(metadata.Error) ? metadata.Error : undefined;
}

export default function errorExampleConvention(operation, options, context) {
  if (!isObject(operation)) {
    return [];
  }
  const mode = options && options.mode;
  const catalog = catalogOf(operation);
  const results = [];
  const covered = new Set();
  for (const example of errorExamples(operation, context.path)) {
    const where = example.name ? `Example ${example.name} of ${example.status}` : `The example of ${example.status}`;
    if (example.missing) {
      if (mode === 'envelope') {
        results.push({ message: `Error response ${example.status} has no example.`, path: example.path });
      }
      continue;
    }
    const error = errorOf(example.value);
    if (mode === 'envelope') {
      if (!error || !isNonEmptyString(error.Code) || !isNonEmptyString(error.Message)) {
        results.push({ message: `${where} lacks ResponseMetadata.Error.Code or .Message.`, path: example.path });
      }
      continue;
    }
    if (!error) {
      continue;
    }
    const row = catalog.findIndex((r) => isObject(r) && String(r.status) === String(example.status)
      && r.code === error.Code && messageMatches(r.message, error.Message));
    if (row < 0 && mode === 'catalogued') {
      results.push({ message: `${where} (${error.Code} "${error.Message}") is not a row of x-error-catalog under ${example.status}.`, path: example.path });
    }
    covered.add(row);
  }
  if (mode === 'complete') {
    catalog.forEach((row, index) => {
      if (isObject(row) && !covered.has(index)) {
        results.push({
          message: `Catalog row ${row.status} ${row.code} "${row.message}" has no example under response ${row.status}.`,
          path: [...context.path, 'x-error-catalog', index],
        });
      }
    });
  }
  return results;
}

