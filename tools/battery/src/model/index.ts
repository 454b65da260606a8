/*
 * The battery model: pure data and functions (no I/O), kept apart from the emitters and the runner.
 * A test checks that nothing under src/model imports an I/O module.
 */
export * from './topology';
export * from './dialect';
export * from './steps';
export * from './script';
