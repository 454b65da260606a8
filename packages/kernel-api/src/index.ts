export * from './interfaces';
export * from './stubs';
export { STUB_BASE, STUB_TRAILERS } from './stub-base';
export * from './real';
export * from './driver-stubs';
