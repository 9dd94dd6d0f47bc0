/**
 * The floor of a cold start: a handler that only reads one item with `@aws-sdk/lib-dynamodb`,
 * bundled by `npm run bench:cold` with the functions' own esbuild flags. A function's bundle
 * loads in a time comparable to this one's, or it does work the SDK alone does not.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = DynamoDBDocumentClient.from(new DynamoDBClient(endpoint ? { endpoint } : {}));

export const handler = async (event: { key?: string }) => {
  const { Item } = await client.send(
    new GetCommand({
      TableName: process.env.TABLE_NAME,
      Key: { pk: `USER#${event?.key ?? 'alex'}`, sk: 'PROFILE' },
    }),
  );
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};
