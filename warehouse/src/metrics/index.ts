// Public metric API of the warehouse: typed functions over the marts. One line per metric barrel;
// append, don't rewrite (several engineers add to this file).

export * from './budget/index.ts';
export * from './cohort/index.ts';
export * from './roi-metric/index.ts';
