// Convention: a required parameter says which documented error its absence yields (`x-errors.missing`).
import { isNonEmptyString, isObject } from './contract.js';

export default function requiredParameterMapsMissing(parameter, _options, context) {
  if (!isObject(parameter) || parameter.required !== true) {
    return [];
  }
  const errors = isObject(parameter['x-errors']) ? parameter['x-errors'] : {};
  const missing = errors.missing;
  if (!isObject(missing) || !Number.isInteger(missing.status) || !isNonEmptyString(missing.code)
      || !isNonEmptyString(missing.message)) {
    return [{
      message: `Required parameter ${parameter.name} does not map its absence (x-errors.missing with status, code, message).`,
      path: [...context.path, 'x-errors'],
    }];
  }
  return [];
}
