/** The family's request signing lives with the shared open-platform readers (AliExpress and Alibaba.com sign alike). */
export * from '../http/open-platform-signing.js';
