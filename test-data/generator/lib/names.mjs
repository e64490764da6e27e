// Word lists for synthetic names: common British first names and surnames, and parts of
// invented English place names (any likeness to a real place is by chance).

export const GIRLS = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Isabella', 'Rosie', 'Sophia',
  'Grace', 'Freya', 'Willow', 'Florence', 'Emily', 'Ella', 'Poppy', 'Evie', 'Elsie', 'Charlotte', 'Evelyn',
  'Sienna', 'Daisy', 'Phoebe', 'Sophie', 'Harper', 'Ruby', 'Millie', 'Matilda', 'Alice', 'Maya', 'Chloe',
  'Jessica', 'Hannah', 'Zara', 'Aisha', 'Amira', 'Leah', 'Megan', 'Erin', 'Holly', 'Lucy', 'Niamh', 'Layla',
  'Eliza', 'Maisie', 'Summer', 'Scarlett', 'Bethany', 'Katie'];

export const BOYS = ['Noah', 'Oliver', 'George', 'Arthur', 'Muhammad', 'Leo', 'Harry', 'Oscar', 'Archie', 'Henry',
  'Theodore', 'Freddie', 'Jack', 'Charlie', 'Theo', 'Alfie', 'Jacob', 'Thomas', 'Finley', 'Arlo', 'William',
  'Lucas', 'Roman', 'Tommy', 'Isaac', 'Teddy', 'Alexander', 'Luca', 'Edward', 'James', 'Joshua', 'Albie',
  'Elijah', 'Max', 'Mohammed', 'Reuben', 'Mason', 'Sebastian', 'Rory', 'Jude', 'Louie', 'Benjamin', 'Ethan',
  'Adam', 'Hugo', 'Joseph', 'Reggie', 'Ronnie', 'Kai', 'Dylan'];

export const WOMEN = ['Sarah', 'Laura', 'Emma', 'Rebecca', 'Gemma', 'Amy', 'Rachel', 'Kirsty', 'Natalie', 'Lauren',
  'Stacey', 'Jade', 'Danielle', 'Hayley', 'Kelly', 'Samantha', 'Charlotte', 'Jessica', 'Chloe', 'Shannon',
  'Nicola', 'Leanne', 'Zoe', 'Fatima', 'Aaliyah', 'Courtney', 'Kayleigh', 'Amber', 'Jodie', 'Sophie'];

export const SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel',
  'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Thomas', 'Clarke',
  'Jackson', 'Wood', 'Harris', 'Edwards', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Hughes', 'Moore',
  'Clark', 'King', 'Harrison', 'Lewis', 'Baker', 'Lee', 'Allen', 'Morris', 'Khan', 'Scott', 'Watson', 'Davis',
  'Parker', 'James', 'Bennett', 'Young', 'Phillips', 'Richardson', 'Mitchell', 'Bailey', 'Carter', 'Cook',
  'Singh', 'Shaw', 'Bell', 'Collins', 'Morgan', 'Kelly', 'Begum', 'Miller', 'Cox', 'Hussain', 'Marshall',
  'Simpson', 'Price', 'Anderson', 'Adams', 'Wilkinson', 'Ali', 'Ahmed', 'Foster', 'Ellis', 'Murphy', 'Chapman',
  'Mason', 'Gray', 'Richards', 'Webb', 'Griffiths', 'Hunt', 'Palmer', 'Campbell', 'Holmes', 'Mills', 'Rogers',
  'Barnes', 'Knight', 'Matthews', 'Barker', 'Powell', 'Stevens', 'Kaur', 'Fisher', 'Butler', 'Dixon', 'Russell',
  'Harvey', 'Pearson', 'Graham'];

export const PLACE_STARTS = ['Ash', 'Bram', 'Brook', 'Castle', 'Clay', 'Dale', 'East', 'Elm', 'Fair', 'Fern',
  'Glen', 'Green', 'Hart', 'Hazel', 'High', 'Holm', 'Kings', 'Lark', 'Lea', 'Mill', 'Moor', 'North', 'Oak',
  'Queens', 'Red', 'Rose', 'South', 'Stan', 'Stone', 'Thorn', 'Wey', 'West', 'Whit', 'Wil', 'Wood', 'Alder',
  'Bar', 'Cold', 'Fox', 'Hay'];

export const PLACE_ENDS = ['bridge', 'bury', 'by', 'caster', 'chester', 'combe', 'den', 'field', 'ford', 'gate',
  'ham', 'hurst', 'ington', 'ley', 'mouth', 'port', 'stead', 'stow', 'thorpe', 'ton', 'wick', 'worth'];
