// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// The weapp build targets iOS 10.3, the first engine with all of ES2017 (async functions, classes,
// arrows stay as written; later syntax is compiled down): the budget __tests__/weapp/syntax.test.ts
// holds every script to, and less to ship than ES5 (issue 16: the main package ≤ 600 KB). H5 keeps
// package.json's browserslist.
const weapp = process.env.TARO_ENV === 'weapp';
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(weapp ? { targets: { ios: '10.3' } } : {}) }]],
};
