export * from './scenes';
export * from './verdicts';
