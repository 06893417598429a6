import { Button, type ButtonProps } from 'antd';

/** A text-link look for actions in tables, breadcrumbs and drawers, keyboard-reachable as a button. */
export function LinkButton({ style, ...props }: Omit<ButtonProps, 'type'>) {
  // Long union names wrap inside table cells instead of running over the next column.
  return (
    <Button
      type="link"
      size="small"
      style={{
        padding: 0,
        height: 'auto',
        whiteSpace: 'normal',
        overflowWrap: 'anywhere',
        textAlign: 'start',
        ...style,
      }}
      {...props}
    />
  );
}
