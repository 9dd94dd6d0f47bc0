/** The account, region and API id events carry when no AWS account is behind them. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_API_ID = 'local';
