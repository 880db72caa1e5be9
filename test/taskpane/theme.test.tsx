/**
 * @jest-environment jsdom
 */
/** The pane follows the Office theme while open: read again on focus, on becoming visible, and every few seconds. */
import '@testing-library/jest-dom';
import { act, render, screen } from '@testing-library/react';
import { THEME_POLL_MS, ThemedRoot, isDarkColour } from '../../src/taskpane/theme';

test('dark or light from Office’s body background; the system setting when Office gives none', () => {
  expect(isDarkColour('#262626', false)).toBe(true); // Office dark grey / black themes
  expect(isDarkColour('#FFFFFF', true)).toBe(false);
  expect(isDarkColour('#E6E6E6', true)).toBe(false); // colourful / light grey
  expect(isDarkColour(undefined, true)).toBe(true);
  expect(isDarkColour('not a colour', false)).toBe(false);
});

test('a theme change while the pane is open is followed: on focus at once, otherwise within the poll interval', () => {
  jest.useFakeTimers();
  let bg = '#FFFFFF';
  render(
    <ThemedRoot readBackground={() => bg}>
      <p>内容</p>
    </ThemedRoot>,
  );
  const root = () => screen.getByText('内容').closest('[data-theme]');
  expect(root()).toHaveAttribute('data-theme', 'light');
  bg = '#1F1F1F';
  act(() => {
    window.dispatchEvent(new Event('focus'));
  });
  expect(root()).toHaveAttribute('data-theme', 'dark');
  bg = '#F3F3F3';
  act(() => {
    jest.advanceTimersByTime(THEME_POLL_MS - 1);
  });
  expect(root()).toHaveAttribute('data-theme', 'dark');
  act(() => {
    jest.advanceTimersByTime(1);
  });
  expect(root()).toHaveAttribute('data-theme', 'light');
  jest.useRealTimers();
});
