// Convention: every parameter says, per violated schema keyword, which documented error it yields
// (`x-errors`), either per keyword or with a `default` that covers the rest.
import { CONSTRAINT_KEYWORDS, ERROR_KEYWORDS, isNonEmptyString, isObject } from './contract.js';

export default function parameterErrorMap(parameter, _options, context) {
  if (!isObject(parameter)) {
    return [];
  }
  const errors = parameter['x-errors'];
  const name = parameter.name;
  if (!isObject(errors) || Object.keys(errors).length === 0) {
    return [{ message: `Parameter ${name} has no x-errors mapping.` }];
  }
  const results = [];
  for (const [keyword, entry] of Object.entries(errors)) {
    const path = [...context.path, 'x-errors', keyword];
    if (!ERROR_KEYWORDS.includes(keyword)) {
      results.push({ message: `Parameter ${name}: x-errors key "${keyword}" is not one of ${ERROR_KEYWORDS.join(', ')}.`, path });
      continue;
    }
    if (!isObject(entry) || !Number.isInteger(entry.status) || !isNonEmptyString(entry.code)
        || !isNonEmptyString(entry.message)) {
      results.push({ message: `Parameter ${name}: x-errors.${keyword} needs an integer status, a code and a message.`, path });
    }
  }
  if (!('default' in errors)) {
    const schema = isObject(parameter.schema) ? parameter.schema : {};
    // A value that is not of the schema's type (not a number, not a whole number) is a violation too.
    const typed = ['integer', 'number', 'boolean'].includes(schema.type) ? ['type'] : [];
    for (const keyword of [...typed, ...CONSTRAINT_KEYWORDS]) {
      if ((keyword === 'type' || keyword in schema) && !(keyword in errors)) {
        results.push({ message: `Parameter ${name}: schema keyword ${keyword} has no x-errors entry and there is no default.` });
      }
    }
  }
  return results;
}
