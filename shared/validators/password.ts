/** Password policy: at least 10 characters of at least 3 of the 4 classes (upper, lower, digit, symbol). */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少 10 位';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
