// Checkers for generated FIS experiment templates, against shapes nobody here wrote: the
// CloudFormation registry's `AWS::FIS::ExperimentTemplate` from @aws-cdk/aws-service-spec, and the
// FIS API's `CreateExperimentTemplate` input from the AWS SDK's model (test/fixtures/public/aws-sdk-fis).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

type SpecDatabase = ReturnType<typeof loadAwsServiceSpecSync>;
let database: SpecDatabase | undefined;

/* eslint-disable @typescript-eslint/no-explicit-any */
interface SpecProperty {
  type: any;
  required?: boolean;
}

function isIntrinsic(value: unknown): boolean {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && /^(Ref|Fn::\w+)$/.test(Object.keys(value)[0])
  );
}

/** Problems of a resource's Properties against the CloudFormation resource specification (empty when it is accepted). */
export function cloudFormationProblems(resourceType: string, properties: Record<string, unknown>): string[] {
  database ??= loadAwsServiceSpecSync();
  const db = database;
  const [resource] = db.lookup('resource', 'cloudFormationType', 'equals', resourceType);
  if (!resource) return [`${resourceType} is not in the specification`];
  const problems: string[] = [];
  const checkObject = (specProperties: Record<string, SpecProperty>, value: unknown, path: string): void => {
    if (isIntrinsic(value)) return;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${path}: an object expected`);
      return;
    }
    for (const [name, property] of Object.entries(specProperties))
      if (property.required && (value as Record<string, unknown>)[name] === undefined) problems.push(`${path}.${name}: required`);
    for (const [name, item] of Object.entries(value)) {
      const property = specProperties[name];
      if (!property) problems.push(`${path}.${name}: not a property of the type`);
      else checkType(property.type, item, `${path}.${name}`);
    }
  };
  const checkType = (type: any, value: unknown, path: string): void => {
    if (isIntrinsic(value)) return;
    switch (type.type) {
      case 'string':
      case 'date-time':
        if (typeof value !== 'string') problems.push(`${path}: a string expected`);
        return;
      case 'integer':
      case 'number':
        if (typeof value !== 'number') problems.push(`${path}: a number expected`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') problems.push(`${path}: a boolean expected`);
        return;
      case 'json':
        return;
      case 'array':
        if (!Array.isArray(value)) problems.push(`${path}: a list expected`);
        else value.forEach((item, i) => checkType(type.element, item, `${path}[${i}]`));
        return;
      case 'map':
        if (value === null || typeof value !== 'object' || Array.isArray(value)) problems.push(`${path}: a map expected`);
        else for (const [key, item] of Object.entries(value)) checkType(type.element, item, `${path}.${key}`);
        return;
      case 'ref':
        checkObject(db.get('typeDefinition', type.reference.$ref).properties as Record<string, SpecProperty>, value, path);
        return;
      case 'union':
        if (
          !type.types.some((option: any) => {
            const before = problems.length;
            checkType(option, value, path);
            const ok = problems.length === before;
            problems.length = before;
            return ok;
          })
        )
          problems.push(`${path}: matches none of the union's types`);
        return;
      default:
        problems.push(`${path}: unknown specification type ${type.type}`);
    }
  };
  checkObject(resource.properties as Record<string, SpecProperty>, properties, 'Properties');
  return problems;
}

interface ApiShape {
  type?: string;
  shape?: string;
  required?: string[];
  members?: Record<string, ApiShape>;
  member?: ApiShape;
  key?: ApiShape;
  value?: ApiShape;
  idempotencyToken?: boolean;
}

const fisModel = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/public/aws-sdk-fis/fis-2020-12-01.min.json'), 'utf8')) as {
  operations: Record<string, { input: ApiShape }>;
  shapes: Record<string, ApiShape>;
};

/** Problems of a `create-experiment-template --cli-input-json` document against the API's input shape. */
export function apiInputProblems(input: unknown): string[] {
  const problems: string[] = [];
  const check = (shape: ApiShape, value: unknown, path: string): void => {
    const resolved: ApiShape = shape.shape ? { ...fisModel.shapes[shape.shape], ...shape, shape: undefined } : shape;
    switch (resolved.type ?? 'string') {
      case 'structure':
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          problems.push(`${path}: an object expected`);
          return;
        }
        // The CLI fills an idempotency token itself.
        for (const name of resolved.required ?? [])
          if ((value as Record<string, unknown>)[name] === undefined && !resolved.members?.[name]?.idempotencyToken) problems.push(`${path}.${name}: required`);
        for (const [name, item] of Object.entries(value)) {
          const member = resolved.members?.[name];
          if (!member) problems.push(`${path}.${name}: not a member of the input`);
          else check(member, item, `${path}.${name}`);
        }
        return;
      case 'list':
        if (!Array.isArray(value)) problems.push(`${path}: a list expected`);
        else value.forEach((item, i) => check(resolved.member!, item, `${path}[${i}]`));
        return;
      case 'map':
        if (value === null || typeof value !== 'object' || Array.isArray(value)) problems.push(`${path}: a map expected`);
        else for (const [key, item] of Object.entries(value)) check(resolved.value!, item, `${path}.${key}`);
        return;
      case 'integer':
      case 'long':
        if (!Number.isInteger(value)) problems.push(`${path}: an integer expected`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') problems.push(`${path}: a boolean expected`);
        return;
      default:
        if (typeof value !== 'string') problems.push(`${path}: a string expected`);
    }
  };
  check(fisModel.operations.CreateExperimentTemplate.input, input, 'input');
  return problems;
}
