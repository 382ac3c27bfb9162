/**
 * Where JSON text first breaks, in words. JSON.parse in Node 20 often names no position ("Unexpected
 * token ','"), so on the rare failing path jsonc-parser finds the offset; the hot path stays JSON.parse.
 */
import { ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';

/** jsonc-parser's error codes as plain sentences. */
export function describeJsonError(code: string): string {
  const sentences: Record<string, string> = {
    ValueExpected: 'a value was expected here',
    PropertyNameExpected: 'a quoted property name was expected here',
    ColonExpected: 'a ":" was expected after the property name',
    CommaExpected: 'a "," was expected between items',
    CloseBraceExpected: 'a closing "}" is missing',
    CloseBracketExpected: 'a closing "]" is missing',
    EndOfFileExpected: 'there is more text after the end of the JSON document',
    UnexpectedEndOfString: 'a string is not terminated',
    UnexpectedEndOfComment: 'a comment is not terminated',
    InvalidSymbol: 'this character is not valid JSON',
    InvalidEscapeCharacter: 'this escape sequence is not valid JSON',
    InvalidCharacter: 'this character is not allowed in a JSON string',
    InvalidCommentToken: 'comments are not allowed in JSON',
  };
  return sentences[code] ?? code;
}

/** The first syntax error of strict JSON text (no comments, no trailing commas), if any. */
export function firstJsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const e = errors[0];
  return e && { offset: e.offset, message: describeJsonError(printParseErrorCode(e.error)) };
}
