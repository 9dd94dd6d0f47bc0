import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { tableNameFor } from '@peer-rewards/platform-manifest';
import {
  TABLE_DEFINITION,
  type KeyAttribute,
  type TableDefinition,
} from '@peer-rewards/rewards-dynamodb/table';
import type { StageConfig } from '../config/stages';
import { ssmParameterNames } from '../ssm-parameters';

export interface DataStackProps extends StackProps {
  readonly config: StageConfig;
  /** Injectable for tests; the app always uses the shared definition. */
  readonly tableDefinition?: TableDefinition;
}

const attributeTypes: Record<KeyAttribute['type'], AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
};

const toAttribute = (key: KeyAttribute) => ({ name: key.name, type: attributeTypes[key.type] });

/** The stage's table, built from the one shared definition; its name and ARN go to SSM. */
export class DataStack extends Stack {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const definition = props.tableDefinition ?? TABLE_DEFINITION;

    this.table = new Table(this, 'Table', {
      tableName: tableNameFor(config.stage),
      partitionKey: toAttribute(definition.partitionKey),
      sortKey: toAttribute(definition.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: definition.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.retainData,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of definition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: toAttribute(index.partitionKey),
        sortKey: toAttribute(index.sortKey),
        projectionType:
          index.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
      });
    }

    const names = ssmParameterNames(config.stage);
    new StringParameter(this, 'TableNameParameter', {
      parameterName: names.tableName,
      stringValue: this.table.tableName,
      description: `DynamoDB table of the ${config.stage} stage`,
    });
    new StringParameter(this, 'TableArnParameter', {
      parameterName: names.tableArn,
      stringValue: this.table.tableArn,
      description: `DynamoDB table ARN of the ${config.stage} stage`,
    });
  }
}
