/** Why an input was not set, in words; `code` tells the resolver which answer it is. */
export class InputRefusal extends Error {
  constructor(
    readonly code: 'bad-request' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'InputRefusal';
  }
}
