const storage = { from: (name: string) => name }
export const x = storage.from('anything')
export const y = Buffer.from('avatars')
