'use client'
import { useEffect, useState } from 'react'

export function CustomerPicker() {
  const [customers, setCustomers] = useState([])
  useEffect(() => {
    fetch('/api/customers')
      .then((r) => r.json())
      .then((json) => setCustomers(json.data))
  }, [])
  return <select>{customers.map((c: any) => <option key={c.id}>{c.fullName}</option>)}</select>
}
