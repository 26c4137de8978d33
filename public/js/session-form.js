// New-session form: choosing a course puts its default capacity into the capacity field, unless the
// planner typed a number of their own. Without this script an empty field still gets the default
// when the form is saved, so the page works the same with JavaScript off.
(function () {
  'use strict';
  var course = document.getElementById('f-course');
  var capacity = document.getElementById('f-capacity');
  if (!course || !capacity) return;
  var suggested = capacity.value;
  course.addEventListener('change', function () {
    var option = course.options[course.selectedIndex];
    if (capacity.value !== '' && capacity.value !== suggested) return;
    capacity.value = (option && option.getAttribute('data-capacity')) || '';
    suggested = capacity.value;
  });
})();
