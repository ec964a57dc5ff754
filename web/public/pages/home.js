// `/`: a student's assignments (home-student.js), a teacher's class at a glance (home-teacher.js).
export async function render(main, ctx) {
  const module = ctx.user.role === 'teacher' ? await import('./home-teacher.js') : await import('./home-student.js');
  return module.render(main, ctx);
}
