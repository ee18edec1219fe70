// miniprogram-ci ships the types of its code analyser under dist/@types; this points the runtime path at them.
declare module 'miniprogram-ci/dist/common/code-analyse' {
  export * from 'miniprogram-ci/dist/@types/common/code-analyse'
}

// The cloud API the deploy script sets a function's timeout through; typed where it is used (scripts/deploy-cloud.ts).
declare module 'miniprogram-ci/dist/common/cloud-api'
declare module 'miniprogram-ci/dist/ci/cloud/cloudapi'
