/**
 * Per-component entry points of @antmjs/vantui (H5 wrappers import these, not the package
 * root, which would pull the whole library). Types come from the package's own typings.
 */
declare module '@antmjs/vantui/es/button' {
  import { Button } from '@antmjs/vantui/types/button';
  export default Button;
}
declare module '@antmjs/vantui/es/cell' {
  import { Cell } from '@antmjs/vantui/types/cell';
  export default Cell;
}
declare module '@antmjs/vantui/es/cell-group' {
  import { CellGroup } from '@antmjs/vantui/types/cell';
  export default CellGroup;
}
declare module '@antmjs/vantui/es/field' {
  import { Field } from '@antmjs/vantui/types/field';
  export default Field;
}
declare module '@antmjs/vantui/es/tag' {
  import { Tag } from '@antmjs/vantui/types/tag';
  export default Tag;
}
declare module '@antmjs/vantui/es/empty' {
  import { Empty } from '@antmjs/vantui/types/empty';
  export default Empty;
}
declare module '@antmjs/vantui/es/popup' {
  import { Popup } from '@antmjs/vantui/types/popup';
  export default Popup;
}
declare module '@antmjs/vantui/es/steps' {
  import { Steps } from '@antmjs/vantui/types/steps';
  export default Steps;
}
declare module '@antmjs/vantui/es/tabs' {
  import { Tabs } from '@antmjs/vantui/types/tab';
  export default Tabs;
}
declare module '@antmjs/vantui/es/tab' {
  import { Tab } from '@antmjs/vantui/types/tab';
  export default Tab;
}
declare module '@antmjs/vantui/es/*/style';
