// Convention: an operation fixes the order in which a server evaluates a request
// (`x-evaluation-order`: named stages, each with the codes it may answer).
import { isNonEmptyString, isObject } from './contract.js';

export default function evaluationOrder(operation, _options, context) {
  if (!isObject(operation)) {
    return [];
  }
  const order = operation['x-evaluation-order'];
  if (!Array.isArray(order) || order.length === 0) {
    return [{ message: `Operation ${operation.operationId || '(no operationId)'} has no x-evaluation-order.` }];
  }
  const results = [];
  const seen = new Set();
  order.forEach((stage, index) => {
    const path = [...context.path, 'x-evaluation-order', index];
    if (!isObject(stage) || !isNonEmptyString(stage.stage) || !Array.isArray(stage.codes)
        || stage.codes.length === 0 || !stage.codes.every(isNonEmptyString)) {
      results.push({ message: 'Each x-evaluation-order entry needs a stage name and a non-empty list of codes.', path });
    } else if (seen.has(stage.stage)) {
      results.push({ message: `Stage ${stage.stage} appears twice in x-evaluation-order.`, path });
    } else {
      seen.add(stage.stage);
    }
  });
  return results;
}
