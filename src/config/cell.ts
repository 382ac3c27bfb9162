import { Ref } from '../eval/scope';
import { Value } from '../eval/value';

export interface CellResult {
  value: Value;
  refs: readonly Ref[];
  origins: readonly string[];
}

/**
 * A lazily evaluated named value (a local, a variable, an output, a resource's instances).
 * Evaluation happens once; re-entering a cell while it evaluates is a dependency cycle.
 */
export class Cell {
  private state: 'new' | 'evaluating' | 'done' = 'new';
  private result: CellResult | undefined;

  constructor(
    /** Name as users write it: `local.a`, `module.net.var.cidr`, `aws_vpc.main`. */
    readonly label: string,
    private readonly compute: () => CellResult,
  ) {}

  get evaluating(): boolean {
    return this.state === 'evaluating';
  }

  /**
   * The cell's value; `onCycle` supplies a value when the cell is already being evaluated
   * (the caller decides whether that is an error, as for locals, or expected, as for resources).
   */
  get(stack: Cell[], onCycle: (cycle: Cell[]) => CellResult): CellResult {
    if (this.state === 'done') return this.result!;
    if (this.state === 'evaluating') return onCycle(stack.slice(stack.indexOf(this)));
    this.state = 'evaluating';
    stack.push(this);
    try {
      this.result = this.compute();
    } finally {
      stack.pop();
    }
    this.state = 'done';
    return this.result;
  }
}
