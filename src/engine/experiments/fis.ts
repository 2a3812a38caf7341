// What AWS Fault Injection Service (FIS) can do to a multi-Region data store, in one table: the
// actions an isolation experiment uses, the resource types and target keys they take, the
// quotas a template must respect, and the metrics that show each store's behaviour. Each fact
// carries the page it comes from; docs/experiments.md lists them for review.
import type { StoreId } from '../model/types';
import type { SourcedFact } from '../model/storeFacts';

const ACTIONS = 'https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html';
const XREGION = 'https://docs.aws.amazon.com/fis/latest/userguide/cross-region-scenario.html';
const QUOTAS = 'https://docs.aws.amazon.com/general/latest/gr/fis.html';
const API_TARGET = 'https://docs.aws.amazon.com/fis/latest/APIReference/API_UpdateExperimentTemplateTargetInput.html';
const DDB_GLOBAL = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/globaltables-CoreConcepts.html';
const DSQL_RESILIENCE = 'https://docs.aws.amazon.com/aurora-dsql/latest/userguide/disaster-recovery-resiliency.html';
const RDS_FAILOVER_GLOBAL = 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverGlobalCluster.html';
const RDS_SWITCHOVER_GLOBAL = 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_SwitchoverGlobalCluster.html';
const ARC_AURORA_BLOCK = 'https://docs.aws.amazon.com/r53recovery/latest/dg/aurora-global-database-block.html';
const ELASTICACHE_FAILOVER = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_FailoverGlobalReplicationGroup.html';
const DDB_METRICS = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html';
const S3_METRICS = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-metrics.html';
const AURORA_METRICS = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-monitoring.html';
const DOCDB_FAILOVER = 'https://docs.aws.amazon.com/documentdb/latest/developerguide/API_FailoverGlobalCluster.html';
const NEPTUNE_FAILOVER = 'https://docs.aws.amazon.com/neptune/latest/apiref/API_FailoverGlobalCluster.html';
const RDS_PROMOTE_REPLICA = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html';
const DOCDB_METRICS = 'https://docs.aws.amazon.com/documentdb/latest/developerguide/cloud_watch.html';
const MEMORYDB_METRICS = 'https://docs.aws.amazon.com/memorydb/latest/devguide/multi-region.html';
const KEYSPACES_METRICS = 'https://docs.aws.amazon.com/keyspaces/latest/devguide/multiRegion-replication_usage-notes.html';
const RDS_METRICS = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html';
const LOGGING = 'https://docs.aws.amazon.com/fis/latest/userguide/monitoring-logging.html';
const VENDED_LOGS = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html';
const REPORTS = 'https://docs.aws.amazon.com/fis/latest/userguide/experiment-report-configuration.html';
const EXPERIMENT_ROLE = 'https://docs.aws.amazon.com/fis/latest/userguide/getting-started-iam-service-role.html';

/** An FIS action an experiment uses: its id, the target key and resource type it acts on. */
export interface FisActionFact {
  actionId: string;
  /** The key of the action's `targets` map, and the target's resource type; absent for actions without a target. */
  target?: { key: string; resourceType: string };
  /** Targets can be chosen by tags only (the S3 pause). */
  tagsOnly?: boolean;
  /** What it does, and does not, in a few words for a test plan. */
  does: string;
  /** What the experiment role must be allowed for it, as the actions reference lists it. */
  permissions: string[];
  source: string;
}

export const fisActions = {
  cutRegion: {
    actionId: 'aws:network:route-table-disrupt-cross-region-connectivity',
    target: { key: 'Subnets', resourceType: 'aws:ec2:subnet' },
    does: 'blocks traffic that leaves the tagged subnets for the named Region (egress only), its public AWS IP ranges included',
    permissions: [
      'ec2:AssociateRouteTable',
      'ec2:CreateManagedPrefixList',
      'ec2:CreateNetworkInterface',
      'ec2:CreateRoute',
      'ec2:CreateRouteTable',
      'ec2:CreateTags',
      'ec2:DeleteManagedPrefixList',
      'ec2:DeleteNetworkInterface',
      'ec2:DeleteRouteTable',
      'ec2:DescribeManagedPrefixLists',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSubnets',
      'ec2:DescribeVpcPeeringConnections',
      'ec2:DescribeVpcs',
      'ec2:DisassociateRouteTable',
      'ec2:GetManagedPrefixListEntries',
      'ec2:ModifyManagedPrefixList',
      'ec2:ModifyVpcEndpoint',
      'ec2:ReplaceRouteTableAssociation',
    ],
    source: ACTIONS + '#route-table-disrupt-cross-region-connectivity',
  },
  pauseTable: {
    actionId: 'aws:dynamodb:global-table-pause-replication',
    target: { key: 'Tables', resourceType: 'aws:dynamodb:global-table' },
    does: 'pauses replication into and out of the replica in the experiment Region; it may take up to 5 minutes to bite',
    permissions: ['dynamodb:PutResourcePolicy', 'dynamodb:DeleteResourcePolicy', 'dynamodb:GetResourcePolicy', 'dynamodb:DescribeTable', 'tag:GetResources'],
    source: ACTIONS + '#global-table-pause-replication',
  },
  pauseBucket: {
    actionId: 'aws:s3:bucket-pause-replication',
    target: { key: 'Buckets', resourceType: 'aws:s3:bucket' },
    tagsOnly: true,
    does: 'pauses replication from the tagged buckets to one destination Region; objects in flight may still replicate for up to an hour',
    permissions: ['s3:PutReplicationConfiguration', 's3:GetReplicationConfiguration', 's3:PauseReplication', 's3:ListAllMyBuckets', 'tag:GetResources'],
    source: ACTIONS + '#bucket-pause-replication',
  },
  pauseMemoryDb: {
    actionId: 'aws:memorydb:multi-region-cluster-pause-replication',
    target: { key: 'MultiRegionClusters', resourceType: 'aws:memorydb:multi-region-cluster' },
    does: 'pauses replication between the Regional cluster in the experiment Region and every other Regional cluster; the cluster cannot be updated meanwhile and may take minutes to be available again',
    permissions: ['memorydb:DescribeMultiRegionClusters', 'memorydb:PauseMultiRegionClusterReplication', 'tag:GetResources'],
    source: ACTIONS + '#multi-region-cluster-pause-replication',
  },
  failDsqlConnections: {
    actionId: 'aws:dsql:cluster-connection-failure',
    target: { key: 'Clusters', resourceType: 'aws:dsql:cluster' },
    does: 'makes a share of connections to the cluster in the experiment Region fail; it does not pause replication',
    permissions: ['dsql:InjectError', 'dsql:GetCluster', 'tag:GetResources'],
    source: ACTIONS + '#cluster-connection-failure',
  },
  wait: {
    actionId: 'aws:fis:wait',
    does: 'waits while the faults run, so that what starts after it runs during them',
    permissions: [],
    source: ACTIONS + '#wait',
  },
  assertAlarms: {
    actionId: 'aws:cloudwatch:assert-alarm-state',
    does: 'fails the experiment unless the alarms are in the given state',
    permissions: ['cloudwatch:DescribeAlarms'],
    source: ACTIONS + '#assert-alarm-state',
  },
} as const satisfies Record<string, FisActionFact>;

/** What a strongly consistent (MRSC) table's pause needs beyond the others: FIS injects errors into it. */
export const STRONG_TABLE_PAUSE_PERMISSIONS: SourcedFact<string[]> = {
  value: ['dynamodb:InjectError'],
  text: 'a pause of a multi-Region strongly consistent table injects errors',
  source: ACTIONS + '#global-table-pause-replication',
};

/** Experiment logging and reports, opt-in: where FIS writes, and what the experiment role needs for it. */
export const fisOutputs = {
  logGroup: {
    value: ['logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
    text: 'experiment logging to a CloudWatch Logs log group (schema version 2)',
    source: `${LOGGING} ${VENDED_LOGS}`,
  },
  logBucket: {
    value: ['logs:CreateLogDelivery', 's3:GetBucketPolicy', 's3:PutBucketPolicy'],
    text: 'experiment logging to an S3 bucket (schema version 2)',
    source: `${LOGGING} ${VENDED_LOGS}`,
  },
  reportBucket: {
    value: ['s3:PutObject', 's3:GetObject', 'cloudwatch:GetDashboard', 'cloudwatch:GetMetricWidgetImage'],
    text: 'an experiment report written to an S3 bucket when the experiment ends',
    source: REPORTS,
  },
} as const satisfies Record<string, SourcedFact<readonly string[]>>;

/** The experiment role trusts FIS; the trust policy the plan shows. */
export const FIS_TRUST: SourcedFact<string> = { value: 'fis.amazonaws.com', text: 'the experiment role trusts fis.amazonaws.com', source: EXPERIMENT_ROLE };

/** The quotas a generated template respects (not adjustable). */
export const fisQuotas = {
  actionsPerTemplate: { value: 20, text: '20 actions per experiment template', source: QUOTAS },
  parallelActions: { value: 10, text: '10 actions running in parallel', source: QUOTAS },
  arnsPerTarget: { value: 5, text: '5 resource ARNs per target', source: API_TARGET },
  stopConditions: { value: 5, text: '5 stop conditions per template', source: QUOTAS },
  activeExperiments: { value: 5, text: '5 experiments running at once per account and Region', source: QUOTAS },
  subnetsPerCut: { value: 6, text: '6 subnets per cross-Region cut (adjustable)', source: QUOTAS },
} as const satisfies Record<string, SourcedFact<number>>;

/** The tags the FIS Cross-Region scenario names for subnets; a test plan tells the team to set them. */
export const SUBNET_TAG = { key: 'DisruptSubnet', value: 'Allowed', source: XREGION } as const;
/** A bucket (tags only) or a resource the catalog does not link is chosen by this tag, whose value is the data type. */
export const DATA_TYPE_TAG = 'cap-advisor:data-type';

/**
 * How long after it starts a fault may take to bite: the checks must wait for it, and the faults
 * must outlast the checks by as much. A DynamoDB pause may let replication run on for up to five
 * minutes; the other actions act at once, and FIS counts in whole minutes.
 */
export const faultLag = {
  pauseTable: { value: 5 * 60_000, text: "DynamoDB's pause may take up to 5 minutes to bite", source: ACTIONS + '#global-table-pause-replication' },
  immediate: {
    value: 60_000,
    text: 'FIS counts in whole minutes: the checks run at least a minute into the faults, and a minute before they end',
    source: ACTIONS + '#wait',
  },
} as const satisfies Record<string, SourcedFact<number>>;

/** What one cut reaches: the blast radius the plan states. */
export const CUT_BLAST_RADIUS: SourcedFact<string> = {
  value: 'every tagged subnet',
  text: "every subnet tagged for the cut loses its traffic to the named Regions' public IP ranges and AWS endpoints (service endpoints, load balancers, API Gateway) and to VPC peering and endpoints there; traffic inside the Region is untouched",
  source: XREGION,
};

/** The network cut leaves traffic the experiment Region receives alone: a two-way cut needs a mirror in each other Region. */
export const EGRESS_ONLY: SourcedFact<true> = {
  value: true,
  text: 'the route-table cut blocks egress only; stateless inbound traffic and AWS-managed traffic may pass',
  source: XREGION,
};

/** What shows a store's behaviour during the experiment, per store. */
export interface StoreExperimentFacts {
  /** The FIS action that acts on the store's replication, when there is one. */
  replicationAction?: 'pauseTable' | 'pauseBucket' | 'pauseMemoryDb' | 'failDsqlConnections';
  /** The CloudWatch metric that shows the cut, in words. */
  metric: SourcedFact<string>;
  /** What FIS cannot reproduce for this store, and the step that would. */
  cannotReproduce: Array<SourcedFact<string>>;
}

const APP_TRAFFIC_ONLY = "the network cut blocks your application's traffic only; the store's own replication is AWS-managed traffic, which it does not block";

export const storeExperimentFacts: Record<StoreId, StoreExperimentFacts> = {
  'aurora-global': {
    metric: {
      value: 'AuroraGlobalDBReplicationLag',
      text: "`AuroraGlobalDBReplicationLag` (AWS/RDS) on the secondary cluster, and your writers' error rate",
      source: AURORA_METRICS,
    },
    cannotReproduce: [
      { value: 'storage replication', text: `Aurora's storage replication is not cut: ${APP_TRAFFIC_ONLY}, so the lag may stay flat`, source: XREGION },
      {
        value: 'global failover',
        text: 'a global failover: FIS has no action for it; an SSM Automation runbook (`aws:ssm:start-automation-execution`) or an ARC Region switch plan calls `FailoverGlobalCluster` with `AllowDataLoss` (unplanned) or `SwitchoverGlobalCluster` (planned)',
        source: `${RDS_FAILOVER_GLOBAL} ${RDS_SWITCHOVER_GLOBAL} ${ARC_AURORA_BLOCK}`,
      },
    ],
  },
  'aurora-dsql': {
    replicationAction: 'failDsqlConnections',
    metric: {
      value: 'connection errors',
      text: "your clients' connection errors in each Region (the action injects them at the endpoint)",
      source: DSQL_RESILIENCE,
    },
    cannotReproduce: [
      {
        value: 'partition',
        text: 'a real partition: the action fails connections in the experiment Region, it does not cut replication between the peer clusters',
        source: ACTIONS + '#cluster-connection-failure',
      },
      { value: 'witness', text: 'the witness being cut off: it has no endpoint and no FIS action reaches it', source: DSQL_RESILIENCE },
    ],
  },
  'dynamodb-global': {
    replicationAction: 'pauseTable',
    metric: {
      value: 'ReplicationLatency',
      text: '`ReplicationLatency` (AWS/DynamoDB, per `ReceivingRegion`) rising, and writes succeeding on each side',
      source: DDB_METRICS,
    },
    cannotReproduce: [],
  },
  'dynamodb-global-strong': {
    replicationAction: 'pauseTable',
    metric: {
      value: 'FaultInjectionServiceInducedErrors',
      text: '`FaultInjectionServiceInducedErrors` (AWS/DynamoDB) for the refused writes and strong reads in the isolated Region',
      source: DDB_GLOBAL,
    },
    cannotReproduce: [{ value: 'witness', text: 'the witness Region being cut off: FIS has no action for it', source: ACTIONS }],
  },
  aurora: {
    metric: { value: 'errors', text: "your writers' error rate in each Region", source: AURORA_METRICS },
    cannotReproduce: [],
  },
  dynamodb: {
    metric: { value: 'errors', text: "your writers' error rate in each Region", source: DDB_METRICS },
    cannotReproduce: [],
  },
  s3: {
    replicationAction: 'pauseBucket',
    metric: {
      value: 'ReplicationLatency',
      text: '`ReplicationLatency` and `OperationsPendingReplication` (AWS/S3; replication metrics or RTC must be on)',
      source: S3_METRICS,
    },
    cannotReproduce: [],
  },
  'elasticache-global': {
    metric: { value: 'errors', text: "your writers' error rate in each Region", source: XREGION },
    cannotReproduce: [
      { value: 'replication', text: `Global Datastore replication is not paused: FIS has no action for it and ${APP_TRAFFIC_ONLY}`, source: ACTIONS },
      { value: 'failover', text: 'a promotion: an SSM Automation runbook calling `FailoverGlobalReplicationGroup` does it', source: ELASTICACHE_FAILOVER },
    ],
  },
  'documentdb-global': {
    metric: {
      value: 'GlobalClusterReplicationLag',
      text: "`GlobalClusterReplicationLag` (AWS/DocDB) on the secondary cluster, and your writers' error rate",
      source: DOCDB_METRICS,
    },
    cannotReproduce: [
      { value: 'replication', text: `DocumentDB's storage replication is not cut: ${APP_TRAFFIC_ONLY}`, source: XREGION },
      {
        value: 'failover',
        text: 'a global failover: FIS has no action for it; an SSM Automation runbook or an ARC Region switch plan calls `FailoverGlobalCluster` (with `AllowDataLoss` when unplanned) or `SwitchoverGlobalCluster`',
        source: DOCDB_FAILOVER,
      },
    ],
  },
  'neptune-global': {
    metric: { value: 'errors', text: "your writers' error rate in each Region, and the secondary's replication lag", source: NEPTUNE_FAILOVER },
    cannotReproduce: [
      { value: 'replication', text: `Neptune's storage replication is not cut: ${APP_TRAFFIC_ONLY}`, source: XREGION },
      {
        value: 'failover',
        text: 'a global failover: FIS has no action for it; an SSM Automation runbook calls `FailoverGlobalCluster` (with `AllowDataLoss` when unplanned, without it a switchover)',
        source: NEPTUNE_FAILOVER,
      },
    ],
  },
  'memorydb-multi-region': {
    replicationAction: 'pauseMemoryDb',
    metric: {
      value: 'replication lag',
      text: "the multi-Region cluster's replication lag rising, and writes succeeding on each side",
      source: MEMORYDB_METRICS,
    },
    cannotReproduce: [],
  },
  'keyspaces-multi-region': {
    metric: {
      value: 'ReplicationLatency',
      text: '`ReplicationLatency` (AWS/Cassandra, per Region), and writes succeeding on each side',
      source: KEYSPACES_METRICS,
    },
    cannotReproduce: [{ value: 'replication', text: `Keyspaces replication is not paused: FIS has no action for it and ${APP_TRAFFIC_ONLY}`, source: ACTIONS }],
  },
  'rds-cross-region-replica': {
    metric: { value: 'ReplicaLag', text: "`ReplicaLag` (AWS/RDS) on the cross-Region read replica, and your writers' error rate", source: RDS_METRICS },
    cannotReproduce: [
      { value: 'replication', text: `RDS replication to the replica is not cut: ${APP_TRAFFIC_ONLY}`, source: XREGION },
      {
        value: 'promotion',
        text: 'a promotion: FIS has no action for it; an SSM Automation runbook or an ARC Region switch plan calls `PromoteReadReplica`, which makes the replica a separate database',
        source: RDS_PROMOTE_REPLICA,
      },
    ],
  },
};
