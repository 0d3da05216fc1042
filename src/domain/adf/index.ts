export { readAdf } from './read-adf';
export { readPlainText } from './read-plain-text';
export { readDescription } from './read-description';
export { countWords } from './count-words';
export { findAcceptanceCriteria, acceptanceLabels, DEFAULT_ACCEPTANCE_LABELS } from './acceptance-criteria';
export type {
  AcceptanceCriteria,
  AcceptanceCriteriaMethod,
  AcceptanceLabels,
  FindAcceptanceCriteriaOptions,
} from './acceptance-criteria';
export { DEFAULT_MAX_ITEMS, DEFAULT_MAX_NODES, DEFAULT_MAX_TEXT_LENGTH } from './reading';
export type {
  CodeBlock,
  DescriptionReading,
  Heading,
  Link,
  Mention,
  ReadOptions,
  Table,
  TaskItem,
  TaskList,
  TextBlock,
} from './reading';
