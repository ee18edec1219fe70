// miniprogram-ci ships the types of its code analyser under dist/@types; this points the runtime path at them.
declare module 'miniprogram-ci/dist/common/code-analyse' {
  export * from 'miniprogram-ci/dist/@types/common/code-analyse'
}
