export interface EmptyProps {
  description: string;
  image?: 'default' | 'error' | 'network' | 'search';
}
