/*
 * @wgup/kpi: packages/kernel-api checked against a real FreeBSD tree (`wgup kpi verify`), and the kernel
 * identifiers a driver uses joined with the model (`wgup kpi scan-driver`). Both read C with
 * @wgup/c-source's tree-sitter parser, never with regular expressions.
 */
export * from './model';
export * from './scan';
export * from './verify';
export * from './extract';
