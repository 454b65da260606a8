export { buildProgram, main } from './main';
export { GENERATORS } from './generators';
export { BENCHES, type Bench, type BenchResult, type BenchOptions } from './bench';
