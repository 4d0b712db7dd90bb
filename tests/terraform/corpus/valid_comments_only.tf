# only comments
// in every style
/* including
   block comments */
