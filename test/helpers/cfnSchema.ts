// A JSON Schema for the CloudFormation templates CAP Advisor writes, built from the resource
// schemas of the CloudFormation registry as @aws-cdk/aws-service-spec ships them (its database is
// generated from the registry's `aws-*.json` schemas), and checked with ajv: every property a
// resource type has, its type, what it requires, and nothing it does not have. Intrinsic functions
// (`{ Ref: … }`, `{ Fn::…: … }`) stand for any value.
import Ajv, { type ValidateFunction } from 'ajv';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

/* eslint-disable @typescript-eslint/no-explicit-any */
type JsonSchema = Record<string, unknown>;

const INTRINSIC: JsonSchema = { type: 'object', minProperties: 1, maxProperties: 1, propertyNames: { pattern: '^(Ref|Fn::[A-Za-z]+)$' } };

let validator: ValidateFunction | undefined;

/** The problems of a template with ajv's words, or none. */
export function templateSchemaProblems(template: unknown, resourceTypes = ['AWS::FIS::ExperimentTemplate', 'AWS::IAM::ManagedPolicy']): string[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(templateSchema(resourceTypes));
  return validator(template)
    ? []
    : (validator.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
}

function templateSchema(resourceTypes: string[]): JsonSchema {
  const db = loadAwsServiceSpecSync();
  const definitions: Record<string, JsonSchema> = {};
  const typeSchema = (type: any): JsonSchema => {
    switch (type.type) {
      case 'string':
      case 'date-time':
        return { anyOf: [{ type: 'string' }, INTRINSIC] };
      case 'integer':
        return { anyOf: [{ type: 'integer' }, INTRINSIC] };
      case 'number':
        return { anyOf: [{ type: 'number' }, INTRINSIC] };
      case 'boolean':
        return { anyOf: [{ type: 'boolean' }, INTRINSIC] };
      case 'json':
        return {};
      case 'array':
        return { anyOf: [{ type: 'array', items: typeSchema(type.element) }, INTRINSIC] };
      case 'map':
        return { anyOf: [{ type: 'object', additionalProperties: typeSchema(type.element) }, INTRINSIC] };
      case 'ref': {
        const id = type.reference.$ref as string;
        if (!definitions[id]) {
          definitions[id] = {};
          definitions[id] = objectSchema(db.get('typeDefinition', id).properties as Record<string, any>);
        }
        return { anyOf: [{ $ref: `#/definitions/${pointerSafe(id)}` }, INTRINSIC] };
      }
      case 'union':
        return { anyOf: type.types.map(typeSchema) };
      default:
        throw new Error(`unknown specification type ${type.type}`);
    }
  };
  const objectSchema = (properties: Record<string, any>): JsonSchema => ({
    type: 'object',
    properties: Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, typeSchema(property.type)])),
    required: Object.entries(properties)
      .filter(([, property]) => property.required)
      .map(([name]) => name),
    additionalProperties: false,
  });
  const resources = resourceTypes.map((cloudFormationType) => {
    const [resource] = db.lookup('resource', 'cloudFormationType', 'equals', cloudFormationType);
    if (!resource) throw new Error(`${cloudFormationType} is not in the specification`);
    return {
      type: 'object',
      properties: {
        Type: { const: cloudFormationType },
        Properties: objectSchema(resource.properties as Record<string, any>),
        DependsOn: {},
        Condition: { type: 'string' },
      },
      required: ['Type', 'Properties'],
      additionalProperties: false,
    };
  });
  // ajv's $ref names a definition by its JSON pointer: the ids are made pointer-safe alike.
  const escaped = Object.fromEntries(Object.entries(definitions).map(([id, schema]) => [pointerSafe(id), schema]));
  return {
    type: 'object',
    definitions: escaped,
    properties: {
      AWSTemplateFormatVersion: { const: '2010-09-09' },
      Description: { type: 'string', maxLength: 1024 },
      Parameters: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          required: ['Type'],
          properties: {
            Type: { type: 'string' },
            Description: { type: 'string', maxLength: 4000 },
            AllowedPattern: { type: 'string' },
            Default: { type: 'string' },
          },
          additionalProperties: false,
        },
      },
      Rules: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          required: ['Assertions'],
          properties: {
            RuleCondition: {},
            Assertions: {
              type: 'array',
              items: {
                type: 'object',
                required: ['Assert'],
                properties: { Assert: INTRINSIC, AssertDescription: { type: 'string' } },
                additionalProperties: false,
              },
            },
          },
          additionalProperties: false,
        },
      },
      Resources: { type: 'object', minProperties: 1, additionalProperties: { oneOf: resources } },
      Outputs: {
        type: 'object',
        additionalProperties: { type: 'object', required: ['Value'], properties: { Description: { type: 'string' }, Value: {} }, additionalProperties: false },
      },
    },
    required: ['Resources'],
    additionalProperties: false,
  };
}

function pointerSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}
