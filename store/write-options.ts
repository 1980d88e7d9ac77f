export interface WriteOptions {
  /** Clock for the store's own timestamps (activities inject theirs); default now. */
  now?: Date;
}
