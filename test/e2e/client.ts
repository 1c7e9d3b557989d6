/** Synthetic client data typed into the panel by the end-to-end tests, the screenshots and the bench (nobody real). */
export const client = {
  firstName: 'Zoë',
  lastName: "D'Hondt-Testpersoon",
  phone: '0470 12 34 56',
  email: 'zoe.testpersoon@example.org',
  street: 'Kerkstraat',
  houseNumber: '1',
  box: '2',
  postcode: '2275',
  municipality: 'Gierle',
} as const;
