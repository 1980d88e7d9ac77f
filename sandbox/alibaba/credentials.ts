/** The app and seller authorisation the sandbox accepts by default (sandbox-only values, not a real app's). */
export interface AlibabaSandboxCredentials {
  readonly appKey: string;
  readonly appSecret: string;
  /** The seller's refresh token, valid from the start (no OAuth website flow in the sandbox). */
  readonly refreshToken: string;
}

export const SANDBOX_ALIBABA_CREDENTIALS: AlibabaSandboxCredentials = Object.freeze({
  appKey: '45678901',
  appSecret: process.env.CARAVAN_SANDBOX_ALIBABA_SECRET ?? 'caravan-sandbox-alibaba-demo-secret-0001',
  refreshToken: '500016000300caravanSandboxAlibabaDemoRefreshToken0001NotReal',
});
