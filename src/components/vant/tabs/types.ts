export interface TabsProps {
  /** One title per tab; the page renders the active tab's content below. */
  titles: string[];
  active: number;
  onChange: (index: number) => void;
}
