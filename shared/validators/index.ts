export * from './areaCodes.ts';
export * from './creditCode.ts';
export * from './idNumber.ts';
export * from './mobile.ts';
export * from './password.ts';
