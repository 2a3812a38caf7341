// "New Data Catalog": a short, commented catalog that analyses without errors or warnings and
// shows the three kinds of data a team starts with.
export const NEW_CATALOG_TEMPLATE = `# A CAP Advisor data catalog: one entry per kind of data your system keeps.
# Each entry says what the data needs; CAP Advisor recommends the store and flags
# split-brain risks. Format: https://github.com/cap-advisor/cap-advisor#the-catalog
apiVersion: cap-advisor/v1
kind: DataCatalog
metadata:
  name: my-system
  owner: platform-team
regions:
  - name: us-east-1
    role: primary
  - name: us-east-2
    role: secondary
  # Votes in failover decisions and holds no data: two data Regions plus a witness can
  # keep a majority during a partition.
  - name: us-west-2
    role: witness
defaults:
  # A person approves a Region failover, so a partition cannot promote a second writer.
  failover: manual
dataTypes:
  # Wrong data is worse than no data: one writer Region (CP).
  - name: payments
    category: transaction
    store: aurora-global
    rpo: 20s
    rto: 15m
    splitBrainGuards:
      - human-approval

  # No data is worse than slightly old data: every Region writes (AP), carts merge.
  - name: carts
    category: cart
    topology: hot-hot
    store: dynamodb-global
    conflictResolution: merge

  # Written once, never changed: S3 with cross-Region replication.
  - name: product-images
    category: media
    store: s3
`;
