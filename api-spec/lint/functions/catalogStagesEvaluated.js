// Convention: every catalog row's stage is a stage of `x-evaluation-order`, and that stage lists the
// row's code, so the order alone tells which answer a request with several faults gets.
import { catalogOf, isObject } from './contract.js';

export default function catalogStagesEvaluated(operation, _options, context) {
  if (!isObject(operation)) {
    return [];
  }
  const stages = new Map();
  for (const stage of Array.isArray(operation['x-evaluation-order']) ? operation['x-evaluation-order'] : []) {
    if (isObject(stage)) {
      stages.set(stage.stage, Array.isArray(stage.codes) ? stage.codes : []);
    }
  }
  const results = [];
  catalogOf(operation).forEach((row, index) => {
    if (!isObject(row)) {
      return;
    }
    const path = [...context.path, 'x-error-catalog', index, 'stage'];
    if (!stages.has(row.stage)) {
      results.push({ message: `Catalog row ${row.code}: stage "${row.stage}" is not a stage of x-evaluation-order.`, path });
    } else if (!stages.get(row.stage).includes(row.code)) {
      results.push({ message: `Catalog row ${row.code}: stage "${row.stage}" of x-evaluation-order does not list ${row.code}.`, path });
    }
  });
  return results;
}
