import { rule } from '../../../rules/encryption/TG-ENC-003';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'encrypted volume',
      files: { 'main.tf': 'resource "aws_ebs_volume" "v" {\n  size      = 10\n  encrypted = true\n}\n' },
      expect: [{ status: 'pass', address: 'aws_ebs_volume.v', line: 3, message: 'encrypted = true' }],
    },
    {
      name: 'instance with encrypted root and EBS devices: one result naming every device',
      files: {
        'main.tf': [
          'resource "aws_instance" "app" {',
          '  root_block_device {',
          '    encrypted = true',
          '  }',
          '  ebs_block_device {',
          '    device_name = "/dev/sdf"',
          '    encrypted   = true',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_instance.app', line: 1, message: ['root_block_device: encrypted = true', 'ebs_block_device[0] (/dev/sdf): encrypted = true'] }],
    },
    {
      name: 'an empty aws_ebs_encryption_by_default (enabled defaults to true) covers volumes and instances without encrypted',
      files: {
        'main.tf': [
          'resource "aws_ebs_encryption_by_default" "this" {}',
          'resource "aws_ebs_volume" "v" {',
          '  size = 10',
          '}',
          'resource "aws_instance" "app" {',
          '  ami = "ami-123"',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_ebs_volume.v', line: 2, message: 'aws_ebs_encryption_by_default.this sets enabled = true (provider default when omitted)' },
        { status: 'pass', address: 'aws_instance.app', line: 5, message: 'root_block_device is not set, but EBS encryption by default is on' },
      ],
    },
    {
      name: 'launch template device encrypted through a variable of a local module',
      files: {
        'main.tf': 'module "lt" {\n  source    = "./lt"\n  encrypted = true\n}\n',
        'lt/main.tf': [
          'variable "encrypted" {}',
          'resource "aws_launch_template" "this" {',
          '  block_device_mappings {',
          '    device_name = "/dev/xvda"',
          '    ebs {',
          '      encrypted = var.encrypted',
          '    }',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        {
          status: 'pass',
          address: 'module.lt.aws_launch_template.this',
          line: 6,
          file: 'lt/main.tf',
          message: 'block_device_mappings[0] (/dev/xvda): encrypted = true (var.encrypted (set by module.lt in main.tf:3))',
        },
      ],
    },
    {
      name: 'volume restored from a snapshot of an encrypted volume in the graph',
      files: {
        'main.tf': [
          'resource "aws_ebs_volume" "src" {',
          '  encrypted = true',
          '}',
          'resource "aws_ebs_snapshot" "s" {',
          '  volume_id = aws_ebs_volume.src.id',
          '}',
          'resource "aws_ebs_volume" "restored" {',
          '  snapshot_id = aws_ebs_snapshot.s.id',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_ebs_volume.src', line: 2 },
        { status: 'pass', address: 'aws_ebs_volume.restored', line: 8, message: 'inherits the encryption of snapshot aws_ebs_snapshot.s, a snapshot of aws_ebs_volume.src' },
      ],
    },
    {
      name: 'instance without devices of its own takes them from its encrypted launch template',
      files: {
        'main.tf': [
          'resource "aws_launch_template" "lt" {',
          '  block_device_mappings {',
          '    device_name = "/dev/xvda"',
          '    ebs {',
          '      encrypted = true',
          '    }',
          '  }',
          '}',
          'resource "aws_instance" "app" {',
          '  launch_template {',
          '    id = aws_launch_template.lt.id',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_launch_template.lt', line: 5 },
        { status: 'pass', address: 'aws_instance.app', line: 11, message: 'the volumes come from aws_launch_template.lt' },
      ],
    },
    {
      name: 'launch configuration root device encrypted from tfvars',
      files: {
        'main.tf': 'variable "enc" {}\nresource "aws_launch_configuration" "lc" {\n  root_block_device {\n    encrypted = var.enc\n  }\n}\n',
        'terraform.tfvars': 'enc = true\n',
      },
      expect: [{ status: 'pass', address: 'aws_launch_configuration.lc', line: 4, message: 'var.enc (set in terraform.tfvars:1)' }],
    },
    {
      name: 'plan: encrypted volume and encryption by default',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_ebs_volume.v', values: { size: 10, encrypted: true } },
          { address: 'aws_ebs_encryption_by_default.d', values: { enabled: true } },
          { address: 'aws_instance.app', values: { ami: 'ami-1' } },
        ]),
      },
      expect: [
        { status: 'pass', address: 'aws_ebs_volume.v', message: 'encrypted = true' },
        { status: 'pass', address: 'aws_instance.app', message: 'EBS encryption by default is on' },
      ],
    },
  ],
  invalid: [
    {
      name: 'omitted encrypted: the provider default is unencrypted, pointing at the block',
      files: { 'main.tf': 'resource "aws_ebs_volume" "v" {\n  size = 10\n}\n' },
      expect: [
        {
          status: 'fail',
          address: 'aws_ebs_volume.v',
          line: 1,
          message: ['encrypted = false (provider default when omitted)', 'no aws_ebs_encryption_by_default in the scanned configuration'],
        },
      ],
    },
    {
      name: 'instance without root_block_device: the root volume follows the AMI',
      files: { 'main.tf': 'resource "aws_instance" "app" {\n  ami = "ami-123"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_instance.app', line: 1, message: 'root_block_device is not set' }],
    },
    {
      name: 'one unencrypted EBS device among encrypted ones is named, pointing at its attribute',
      files: {
        'main.tf': [
          'resource "aws_instance" "app" {',
          '  root_block_device {',
          '    encrypted = true',
          '  }',
          '  ebs_block_device {',
          '    device_name = "/dev/sdf"',
          '    encrypted   = true',
          '  }',
          '  ebs_block_device {',
          '    device_name = "/dev/sdg"',
          '    encrypted   = false',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'aws_instance.app', line: 11, message: 'ebs_block_device[1] (/dev/sdg): encrypted = false' }],
    },
    {
      name: 'volume from a snapshot outside the graph without encrypted: inherits, unknown',
      files: { 'main.tf': 'resource "aws_ebs_volume" "v" {\n  snapshot_id = "snap-0123456789"\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_ebs_volume.v', line: 2, message: "inherits the snapshot's encryption" }],
    },
    {
      name: 'encryption by default from a variable without value: unknown, never pass',
      files: {
        'main.tf': 'variable "on" {}\nresource "aws_ebs_encryption_by_default" "d" {\n  enabled = var.on\n}\nresource "aws_ebs_volume" "v" {\n  size = 10\n}\n',
      },
      expect: [{ status: 'unknown', address: 'aws_ebs_volume.v', line: 5, message: ['encrypted = false (provider default when omitted)', 'unless EBS encryption by default is on', 'var.on'] }],
    },
    {
      name: 'encryption by default explicitly disabled does not help',
      files: { 'main.tf': 'resource "aws_ebs_encryption_by_default" "d" {\n  enabled = false\n}\nresource "aws_ebs_volume" "v" {\n  encrypted = false\n}\n' },
      expect: [{ status: 'fail', address: 'aws_ebs_volume.v', line: 5, message: 'encrypted = false: the volume is not encrypted' }],
    },
    {
      name: 'launch template without block device mappings',
      files: { 'main.tf': 'resource "aws_launch_template" "lt" {\n  image_id = "ami-123"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_launch_template.lt', line: 1, message: 'no block_device_mappings with an ebs block' }],
    },
    {
      name: 'counted volumes: each instance judged on its own value',
      files: { 'main.tf': 'resource "aws_ebs_volume" "v" {\n  count     = 2\n  encrypted = count.index == 0\n}\n' },
      expect: [
        { status: 'pass', address: 'aws_ebs_volume.v[0]', line: 3 },
        { status: 'fail', address: 'aws_ebs_volume.v[1]', line: 3, message: 'encrypted = false' },
      ],
    },
    {
      name: 'encrypted from a variable without value: unknown',
      files: { 'main.tf': 'variable "enc" {}\nresource "aws_launch_configuration" "lc" {\n  root_block_device {\n    encrypted = var.enc\n  }\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_launch_configuration.lc', line: 4, message: 'var.enc' }],
    },
    {
      name: 'plan: unencrypted root device, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_instance.app', values: { ami: 'ami-1', root_block_device: [{ encrypted: false, volume_size: 8 }] } }]),
        'main.tf': 'resource "aws_instance" "app" {\n  ami = "ami-1"\n  root_block_device {\n    encrypted   = false\n    volume_size = 8\n  }\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_instance.app', line: 4, message: 'root_block_device: encrypted = false' }],
    },
    {
      name: 'plan: a value known only after apply gives unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_ebs_volume.v', values: {}, unknown: ['encrypted'] }]) },
      expect: [{ status: 'unknown', address: 'aws_ebs_volume.v', message: 'known after apply' }],
    },
  ],
});
